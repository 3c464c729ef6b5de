//! jixiao's WebAssembly bindings (`api`) and the layer that attaches it to
//! a portal's existing form (`dom`), over the pure core (the `jixiao`
//! crate). Built with wasm-pack by `scripts/build.sh`: the validator's
//! module, and with `--features xlsx` the Excel module (the Excel API
//! instead of the validator's and the DOM layer's).

// No panics on input, as in the core: no unwrap/expect/panic/indexing and
// no arithmetic operator that can overflow.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod api;
#[cfg(not(feature = "xlsx"))]
pub mod dom;
mod js;
