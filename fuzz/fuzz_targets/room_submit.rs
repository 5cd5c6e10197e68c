//! The `room_submit` fuzz target: see `room_submit` in `tests/fuzz_pipeline/mod.rs`, which the
//! regression tests (`tests/fuzz_regressions.rs`) run on saved inputs too.
#![no_main]

#[path = "../../tests/fuzz_pipeline/mod.rs"]
#[allow(dead_code)]
mod pipeline;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    pipeline::room_submit(data);
});
