//! The event bus: engine events ([`sonic_types::Event`]) over a tokio broadcast
//! channel. Publishers never block; a slow subscriber loses the oldest events and is
//! told how many (tokio's `Lagged`).

use sonic_types::Event;
use tokio::sync::broadcast;

/// How many events a subscriber may fall behind before losing some.
const CAPACITY: usize = 256;

/// A cloneable handle to publish and subscribe.
#[derive(Clone, Debug)]
pub struct Bus {
    tx: broadcast::Sender<Event>,
}

impl Default for Bus {
    fn default() -> Self {
        Self::new()
    }
}

impl Bus {
    /// A new bus with no subscribers.
    pub fn new() -> Self {
        let (tx, _) = broadcast::channel(CAPACITY);
        Self { tx }
    }

    /// Publishes an event to every current subscriber; returns how many got it.
    pub fn publish(&self, event: Event) -> usize {
        self.tx.send(event).unwrap_or(0)
    }

    /// A new subscription, receiving events published from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.tx.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn subscribers_receive_in_order() {
        let bus = Bus::new();
        assert_eq!(bus.publish(Event::Locked), 0, "no subscriber yet, no panic");
        let mut a = bus.subscribe();
        let mut b = bus.subscribe();
        assert_eq!(bus.publish(Event::Unlocked), 2);
        bus.publish(Event::Locked);
        for rx in [&mut a, &mut b] {
            assert_eq!(rx.recv().await.expect("first"), Event::Unlocked);
            assert_eq!(rx.recv().await.expect("second"), Event::Locked);
        }
    }

    #[tokio::test]
    async fn slow_subscriber_is_told_it_lagged() {
        let bus = Bus::new();
        let mut rx = bus.subscribe();
        for _ in 0..CAPACITY + 5 {
            bus.publish(Event::Locked);
        }
        assert!(matches!(rx.recv().await, Err(broadcast::error::RecvError::Lagged(5))));
    }
}
