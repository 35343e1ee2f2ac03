//! Dataset settings against the real server: every editable attribute.

use crate::Test;

pub fn tests() -> Vec<Test> {
    vec![]
}
