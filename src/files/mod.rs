//! Scenarios in and out: RON scenario files and CSV matrices read with every problem located
//! (file, line, column, field), the built-in scenario, and atomic writes.
//!
//! - [`scenario_file`]: reading (size limit, UTF-8, format version, parse, validation), saving;
//! - [`csv_import`]: the CSV matrix dialect, read cell by cell;
//! - [`locate`]: where each field of a RON text stands;
//! - [`diagnostic`]: a located problem, and all of a file's problems;
//! - [`fingerprint`]: what a file held when last read or saved, to notice others' changes;
//! - [`generate`]: scenarios of any size within the limits, made up from a seed;
//! - [`limits`]: how many options, criteria and values a scenario may have.
//! - [`weights_form`]: participants' weights in and out (forms, other scenarios' profiles).

pub mod csv_import;
pub mod dates;
pub mod diagnostic;
pub mod fingerprint;
pub mod generate;
pub mod limits;
pub mod locate;
pub mod scenario_file;
pub mod weights_form;
