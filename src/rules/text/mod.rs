//! Rules about text as it is displayed, whatever field it is in.

pub mod bidi_control;
