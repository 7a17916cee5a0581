//! The ledger: the last balances, accounts and S history the node gave, kept across
//! pages so that, when the node stops answering, the wallet still shows the last known
//! figures under the offline banner.

use std::rc::Rc;

use sonic_types::dto::{AccountInfo, Balance, TxRecord};
use yew::prelude::*;

/// The last known figures.
#[derive(Clone, PartialEq, Default)]
pub(crate) struct Ledger {
    /// Balances of the default account; `None` before the first answer.
    pub(crate) balances: Option<Vec<Balance>>,
    /// The accounts.
    pub(crate) accounts: Vec<AccountInfo>,
    /// Native S transfers, for the balance chart.
    pub(crate) history: Vec<TxRecord>,
}

/// New figures.
#[derive(Debug)]
pub(crate) enum LedgerAction {
    /// Balances as the node gave them.
    Balances(Vec<Balance>),
    /// The accounts.
    Accounts(Vec<AccountInfo>),
    /// S transfers.
    History(Vec<TxRecord>),
}

impl Reducible for Ledger {
    type Action = LedgerAction;

    fn reduce(self: Rc<Self>, action: LedgerAction) -> Rc<Self> {
        let mut l = (*self).clone();
        match action {
            LedgerAction::Balances(b) => l.balances = Some(b),
            LedgerAction::Accounts(a) => l.accounts = a,
            LedgerAction::History(h) => l.history = h,
        }
        Rc::new(l)
    }
}
