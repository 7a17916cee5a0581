//! The host against a real engine on disk and a real anvil: the socket and token
//! modes, the token, bounded lines, versions, and plans proposed, rejected, and
//! confirmed only once the host is unlocked.

mod plans;
mod serve;
mod support;
