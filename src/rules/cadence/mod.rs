//! The contact plan: when, how often, and in which order the customer is contacted.

pub mod call_frequency;
pub mod contact_hours;
pub mod forbidden_day;
pub mod notice_before_escalation;
pub mod order;

use crate::model::Touch;
use crate::source::pointer;

/// Pointer to a touch of the cadence, or to one of its fields.
pub(crate) fn touch_ptr(index: usize, field: Option<&str>) -> String {
    let index = index.to_string();
    match field {
        Some(field) => pointer(["cadence", index.as_str(), field]),
        None => pointer(["cadence", index.as_str()]),
    }
}

/// A touch that contacts the customer (a message or a call), as opposed to an escalation.
pub(crate) fn is_contact(touch: &Touch) -> bool {
    touch.channel.is_some() && touch.action.is_none()
}
