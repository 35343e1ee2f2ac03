//! People and workspaces against the real servers.

use crate::Test;

pub fn tests() -> Vec<Test> {
    vec![]
}
