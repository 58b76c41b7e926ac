//! Terms: every number that changes what the customer pays is declared, consistent, and told
//! before the customer agrees.

pub mod claim_mismatch;
pub mod math;
pub mod missing;
pub mod undisclosed;

use crate::source::pointer;

/// Pointer to a field of an offer (`/offers/<id>/<field>`), or to the offer itself.
pub(crate) fn offer_ptr(id: &str, field: &[&str]) -> String {
    pointer(["offers", id].into_iter().chain(field.iter().copied()))
}
