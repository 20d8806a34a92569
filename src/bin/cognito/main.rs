//! The `cognito` command line.

fn main() {}
