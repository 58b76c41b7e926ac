//! Rules about message templates as the customer receives them.

pub mod sms_length;
