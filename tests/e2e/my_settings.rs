//! My settings and the Space welcome page against the real servers.

use crate::Test;

pub fn tests() -> Vec<Test> {
    vec![]
}
