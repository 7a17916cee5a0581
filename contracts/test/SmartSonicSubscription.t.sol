// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "./utils/Test.sol";
import {SmartSonicSubscription} from "../src/SmartSonicSubscription.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// Tries to re-enter purchase() when it receives a refund.
contract Reenterer {
    SmartSonicSubscription internal immutable sub;
    bool internal attacked;

    constructor(SmartSonicSubscription s) {
        sub = s;
    }

    function attack() external payable {
        sub.purchase{value: msg.value}();
    }

    receive() external payable {
        if (!attacked) {
            attacked = true;
            sub.purchase{value: msg.value}();
        }
    }
}

/// Refuses refunds.
contract NoReceive {
    function buy(SmartSonicSubscription s) external payable {
        s.purchase{value: msg.value}();
    }
}

contract SmartSonicSubscriptionTest is Test {
    SmartSonicSubscription internal sub;
    address internal alice = address(0xA11CE);
    address internal owner = address(this);
    uint256 internal constant PRICE = 1 ether;
    uint256 internal constant PERIOD = 30 days;

    event Purchased(address indexed subscriber, uint256 paid, uint256 end);
    event Renewed(address indexed subscriber, uint256 paid, uint256 end);
    event PriceChanged(uint256 oldPrice, uint256 newPrice);

    receive() external payable {}

    function setUp() public {
        sub = new SmartSonicSubscription(PRICE, PERIOD, owner);
        vm.deal(alice, 100 ether);
        vm.warp(1_700_000_000);
    }

    function test_purchase_starts_now() public {
        vm.expectEmit(true, false, false, true);
        emit Purchased(alice, PRICE, block.timestamp + PERIOD);
        vm.prank(alice);
        uint256 end = sub.purchase{value: PRICE}();
        assertEq(end, block.timestamp + PERIOD, "end");
        assertEq(sub.subscriptionEnd(alice), end, "stored end");
        assertTrue(sub.isSubscriptionActive(alice), "active");
        assertEq(address(sub).balance, PRICE, "contract keeps the price");
    }

    function test_buying_while_active_extends_from_the_end() public {
        vm.prank(alice);
        uint256 first = sub.purchase{value: PRICE}();
        vm.warp(block.timestamp + 10 days);
        vm.expectEmit(true, false, false, true);
        emit Renewed(alice, PRICE, first + PERIOD);
        vm.prank(alice);
        uint256 second = sub.purchase{value: PRICE}();
        assertEq(second, first + PERIOD, "extends from the current end");
    }

    function test_expiry_and_purchase_after_expiry_starts_now() public {
        vm.prank(alice);
        uint256 end = sub.purchase{value: PRICE}();
        vm.warp(end);
        assertTrue(!sub.isSubscriptionActive(alice), "expired at its end");
        vm.warp(end + 5 days);
        vm.prank(alice);
        assertEq(sub.purchase{value: PRICE}(), block.timestamp + PERIOD, "restarts from now");
    }

    function test_insufficient_payment_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(SmartSonicSubscription.InsufficientPayment.selector, PRICE - 1, PRICE));
        vm.prank(alice);
        sub.purchase{value: PRICE - 1}();
    }

    function test_overpayment_is_refunded() public {
        uint256 before = alice.balance;
        vm.prank(alice);
        sub.purchase{value: 3 ether}();
        assertEq(alice.balance, before - PRICE, "only the price is kept");
        assertEq(address(sub).balance, PRICE, "no credit left in the contract");
    }

    function test_refund_to_a_contract_that_rejects_it_reverts() public {
        NoReceive n = new NoReceive();
        vm.deal(address(n), 0);
        vm.expectRevert(SmartSonicSubscription.TransferFailed.selector);
        n.buy{value: 2 ether}(sub);
    }

    function test_price_and_period_changes_by_owner_only() public {
        vm.expectEmit(false, false, false, true);
        emit PriceChanged(PRICE, 2 ether);
        sub.setPrice(2 ether);
        sub.setPeriod(7 days);
        assertEq(sub.price(), 2 ether, "price");
        vm.prank(alice);
        uint256 end = sub.purchase{value: 2 ether}();
        assertEq(end, block.timestamp + 7 days, "new period");
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        sub.setPrice(0);
        vm.expectRevert(SmartSonicSubscription.ZeroPeriod.selector);
        sub.setPeriod(0);
    }

    function test_withdraw_by_owner_only() public {
        vm.prank(alice);
        sub.purchase{value: PRICE}();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        sub.withdraw(payable(alice));
        address payable treasury = payable(address(0xBEEF));
        sub.withdraw(treasury);
        assertEq(treasury.balance, PRICE, "treasury got the balance");
        assertEq(address(sub).balance, 0, "emptied");
    }

    function test_reentrancy_attempt_fails() public {
        Reenterer r = new Reenterer(sub);
        vm.deal(address(this), 10 ether);
        vm.expectRevert(SmartSonicSubscription.TransferFailed.selector);
        r.attack{value: 2 ether}();
        assertEq(sub.subscriptionEnd(address(r)), 0, "nothing bought");
    }

    function test_owner_is_the_argument_not_the_deployer() public {
        address treasury = address(0x7EA5);
        SmartSonicSubscription other = new SmartSonicSubscription(PRICE, PERIOD, treasury);
        assertEq(other.owner(), treasury, "owner from the argument");
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        other.setPrice(0);
        vm.prank(treasury);
        other.setPrice(2 ether);
        assertEq(other.price(), 2 ether, "owner changed the price");
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new SmartSonicSubscription(PRICE, PERIOD, address(0));
    }

    function test_ownership_transfer() public {
        sub.transferOwnership(alice);
        assertEq(sub.owner(), alice, "new owner");
        vm.prank(alice);
        sub.setPrice(5 ether);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        sub.setPrice(1);
    }

    function testFuzz_purchase_amounts(uint256 paid) public {
        paid = bound(paid, 0, 50 ether);
        uint256 before = alice.balance;
        if (paid < PRICE) {
            vm.expectRevert(abi.encodeWithSelector(SmartSonicSubscription.InsufficientPayment.selector, paid, PRICE));
            vm.prank(alice);
            sub.purchase{value: paid}();
            assertEq(alice.balance, before, "nothing taken");
        } else {
            vm.prank(alice);
            sub.purchase{value: paid}();
            assertEq(alice.balance, before - PRICE, "exactly the price taken");
        }
    }

    function testFuzz_extension_times(uint32 gap1, uint32 gap2) public {
        vm.prank(alice);
        uint256 end = sub.purchase{value: PRICE}();
        vm.warp(block.timestamp + gap1);
        vm.prank(alice);
        uint256 end2 = sub.purchase{value: PRICE}();
        uint256 expected = (end > block.timestamp ? end : block.timestamp) + PERIOD;
        assertEq(end2, expected, "extends from max(end, now)");
        vm.warp(block.timestamp + gap2);
        assertTrue(sub.isSubscriptionActive(alice) == (end2 > block.timestamp), "active iff before end");
    }
}
