//! Shared scenario code for the surface tests.
//!
//! The same scenario functions run live against moto (`tests/live/surface_moto.rs`, which can
//! record them into `fixtures/moto/`) and offline from the committed fixtures
//! (`tests/offline/surface_replay.rs`). Constructed scenarios, for operations moto does not
//! implement, replay `fixtures/constructed/` only and live in `tests/offline/constructed.rs`.

pub(crate) mod rig;
pub(crate) mod scenarios;
