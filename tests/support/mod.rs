//! Helpers shared by integration tests (`mod support;` in the test file).

pub mod webdriver;
