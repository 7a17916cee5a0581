//! The screens.

pub(crate) mod accounts;
pub(crate) mod activity;
pub(crate) mod chat;
pub(crate) mod contacts;
pub(crate) mod defi;
pub(crate) mod diagnostics;
pub(crate) mod lock;
pub(crate) mod networks;
pub(crate) mod nft;
pub(crate) mod onboarding;
pub(crate) mod premium;
pub(crate) mod security;
pub(crate) mod settings;
pub(crate) mod wallet;
