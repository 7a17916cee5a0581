//! The ledger: the last balances, accounts and S history the node gave, kept across
//! pages so that, when the node stops answering, the wallet still shows the last known
//! figures (with the time they were read) under the offline banner. It also holds the
//! account the wallet shows and sends from.

use std::rc::Rc;

use sonic_types::{
    dto::{AccountInfo, Balance, TxRecord},
    Address,
};
use yew::prelude::*;

/// The last known figures.
#[derive(Clone, PartialEq, Default)]
pub(crate) struct Ledger {
    /// Balances of the selected account; `None` before the first answer.
    pub(crate) balances: Option<Vec<Balance>>,
    /// The accounts.
    pub(crate) accounts: Vec<AccountInfo>,
    /// Native S transfers of the selected account, for the balance chart.
    pub(crate) history: Vec<TxRecord>,
    /// The account the wallet shows and sends from; the first when `None`.
    pub(crate) selected: Option<Address>,
    /// Every account's last known balances, with when they were read (Unix seconds).
    pub(crate) by_account: Vec<(Address, Vec<Balance>, u64)>,
}

impl Ledger {
    /// The account the wallet shows: the one selected, else the first.
    pub(crate) fn current(&self) -> Option<&AccountInfo> {
        self.selected.and_then(|s| self.accounts.iter().find(|a| a.address == s)).or_else(|| self.accounts.first())
    }

    /// An account's last known balances and when they were read.
    pub(crate) fn of(&self, account: Address) -> Option<(&[Balance], u64)> {
        self.by_account.iter().find(|(a, _, _)| *a == account).map(|(_, b, at)| (b.as_slice(), *at))
    }

    /// An account's last known S balance.
    pub(crate) fn s_of(&self, account: Address) -> Option<&Balance> {
        self.of(account).and_then(|(list, _)| list.iter().find(|b| b.token.is_none()))
    }
}

/// New figures.
#[derive(Debug)]
pub(crate) enum LedgerAction {
    /// The accounts.
    Accounts(Vec<AccountInfo>),
    /// S transfers.
    History(Vec<TxRecord>),
    /// One account's balances, read at this time (Unix seconds); ignored when older
    /// than those known.
    AccountBalances(Address, Vec<Balance>, u64),
    /// The wallet shows (and sends from) this account.
    Select(Address),
}

impl Reducible for Ledger {
    type Action = LedgerAction;

    fn reduce(self: Rc<Self>, action: LedgerAction) -> Rc<Self> {
        let mut l = (*self).clone();
        match action {
            LedgerAction::Accounts(a) => l.accounts = a,
            LedgerAction::History(h) => l.history = h,
            LedgerAction::AccountBalances(account, balances, at) => {
                if l.of(account).is_some_and(|(_, known)| known > at) {
                    // Older than what is shown (a cached read arriving late).
                    return self;
                }
                if l.current().map(|a| a.address) == Some(account) {
                    l.balances = Some(balances.clone());
                }
                l.by_account.retain(|(a, _, _)| *a != account);
                l.by_account.push((account, balances, at));
            }
            LedgerAction::Select(account) => {
                if l.selected == Some(account) {
                    return self;
                }
                l.selected = Some(account);
                // The wallet shows this account's figures, or none until they are read.
                l.balances = l.of(account).map(|(b, _)| b.to_vec());
                l.history.clear();
            }
        }
        Rc::new(l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(n: u8) -> AccountInfo {
        AccountInfo {
            position: u32::from(n),
            name: format!("Account {n}"),
            address: Address::with_last_byte(n),
            kind: sonic_types::dto::AccountKind::Derived { index: u32::from(n) },
        }
    }

    fn s(who: u8, amount: &str) -> Balance {
        Balance {
            account: Address::with_last_byte(who),
            asset: "S".into(),
            token: None,
            amount: amount.into(),
            raw: Default::default(),
            decimals: 18,
        }
    }

    fn apply(l: Ledger, a: LedgerAction) -> Ledger {
        (*Rc::new(l).reduce(a)).clone()
    }

    #[test]
    fn the_wallet_shows_the_selected_accounts_balances() {
        let mut l = apply(Ledger::default(), LedgerAction::Accounts(vec![account(1), account(2)]));
        assert_eq!(l.current().map(|a| a.position), Some(1), "the first by default");
        l = apply(l, LedgerAction::AccountBalances(Address::with_last_byte(1), vec![s(1, "10")], 100));
        l = apply(l, LedgerAction::AccountBalances(Address::with_last_byte(2), vec![s(2, "20")], 101));
        assert_eq!(l.balances.as_ref().map(|b| b[0].amount.as_str()), Some("10"));
        l = apply(l, LedgerAction::Select(Address::with_last_byte(2)));
        assert_eq!(l.balances.as_ref().map(|b| b[0].amount.as_str()), Some("20"));
        assert_eq!(l.s_of(Address::with_last_byte(1)).map(|b| b.amount.as_str()), Some("10"));
        assert_eq!(l.of(Address::with_last_byte(2)).map(|(_, at)| at), Some(101));
        l = apply(l, LedgerAction::AccountBalances(Address::with_last_byte(2), vec![s(2, "5")], 50));
        assert_eq!(
            l.s_of(Address::with_last_byte(2)).map(|b| b.amount.as_str()),
            Some("20"),
            "an older read is not shown"
        );
    }
}
