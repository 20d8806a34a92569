//! Scenarios for what moto does not implement, replayed from `fixtures/constructed/`.
