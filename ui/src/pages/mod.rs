//! The screens.

pub(crate) mod activity;
pub(crate) mod chat;
pub(crate) mod contacts;
pub(crate) mod lock;
pub(crate) mod onboarding;
pub(crate) mod settings;
pub(crate) mod wallet;
