//! The Smart Sonic desktop binary: a thin entry point.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    smart_sonic_lib::run();
}
