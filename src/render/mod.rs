//! The guide compiler: HTML and JSON guides and step diagrams, from one checked playbook.

pub mod markdown;
pub mod slug;
pub mod layout;
