//! Shared scenario code for the surface tests.
//!
//! The same scenario functions run live against moto (`tests/live_surface_moto.rs`, which can
//! record them into `fixtures/moto/`) and offline from the committed fixtures
//! (`tests/surface_replay.rs`). Constructed scenarios, for operations moto does not implement,
//! replay `fixtures/constructed/` only.
// Each test crate that includes this module uses a different part of it.
#![allow(dead_code)]

pub mod constructed;
pub mod rig;
pub mod scenarios;
