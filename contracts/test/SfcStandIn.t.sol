// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "./utils/Test.sol";
import {SfcStandIn} from "../src/SfcStandIn.sol";

contract SfcStandInTest is Test {
    SfcStandIn internal sfc;
    address internal alice = address(0xA11CE);

    event Delegated(address indexed delegator, uint256 indexed toValidatorID, uint256 amount);
    event Undelegated(address indexed delegator, uint256 indexed toValidatorID, uint256 indexed wrID, uint256 amount);

    function setUp() public {
        sfc = new SfcStandIn();
        vm.deal(alice, 1000 ether);
        vm.warp(1_700_000_000);
    }

    function test_default_validator_is_active_from_empty_storage() public view {
        (uint256 status,,,, uint256 created,,) = sfc.getValidator(1);
        assertEq(status, 0, "status");
        assertTrue(created != 0, "exists");
        assertEq(sfc.lastValidatorID(), 1, "last id");
        (,,,, uint256 created2,,) = sfc.getValidator(2);
        assertEq(created2, 0, "validator 2 does not exist");
        assertEq(sfc.constsAddress(), address(sfc), "consts");
        assertEq(sfc.withdrawalPeriodTime(), 14 days, "period");
    }

    function test_delegate_adds_stake() public {
        vm.expectEmit(true, true, false, true);
        emit Delegated(alice, 1, 100 ether);
        vm.prank(alice);
        sfc.delegate{value: 100 ether}(1);
        assertEq(sfc.getStake(alice, 1), 100 ether, "stake");
        (, uint256 received,,,,,) = sfc.getValidator(1);
        assertEq(received, 100 ether, "received stake");
        assertEq(address(sfc).balance, 100 ether, "held");
    }

    function test_delegate_refuses_zero_unknown_and_inactive() public {
        vm.prank(alice);
        vm.expectRevert(SfcStandIn.ZeroAmount.selector);
        sfc.delegate(1);
        vm.prank(alice);
        vm.expectRevert(SfcStandIn.ValidatorNotExists.selector);
        sfc.delegate{value: 1 ether}(5);
        uint256 id = sfc.addValidator();
        assertEq(id, 2, "new id");
        assertEq(sfc.lastValidatorID(), 2, "last id");
        sfc.deactivateValidator(id);
        vm.prank(alice);
        vm.expectRevert(SfcStandIn.ValidatorNotActive.selector);
        sfc.delegate{value: 1 ether}(id);
    }

    function test_only_the_adder_deactivates() public {
        uint256 id = sfc.addValidator();
        vm.prank(alice);
        vm.expectRevert(SfcStandIn.NotAuthorized.selector);
        sfc.deactivateValidator(id);
    }

    function test_undelegate_then_withdraw_after_the_lock() public {
        vm.startPrank(alice);
        sfc.delegate{value: 100 ether}(1);
        vm.expectEmit(true, true, true, true);
        emit Undelegated(alice, 1, 7, 40 ether);
        sfc.undelegate(1, 7, 40 ether);
        assertEq(sfc.getStake(alice, 1), 60 ether, "stake left");
        (, uint256 time, uint256 amount) = sfc.getWithdrawalRequest(alice, 1, 7);
        assertEq(time, block.timestamp, "request time");
        assertEq(amount, 40 ether, "request amount");
        vm.expectRevert(SfcStandIn.RequestExists.selector);
        sfc.undelegate(1, 7, 1 ether);

        vm.warp(block.timestamp + 14 days - 1);
        vm.expectRevert(SfcStandIn.NotEnoughTimePassed.selector);
        sfc.withdraw(1, 7);

        vm.warp(block.timestamp + 1);
        uint256 before = alice.balance;
        sfc.withdraw(1, 7);
        assertEq(alice.balance - before, 40 ether, "paid");
        vm.expectRevert(SfcStandIn.RequestNotExists.selector);
        sfc.withdraw(1, 7);
        vm.stopPrank();
    }

    function test_undelegate_refuses_more_than_the_stake() public {
        vm.startPrank(alice);
        sfc.delegate{value: 1 ether}(1);
        vm.expectRevert(SfcStandIn.NotEnoughUnlockedStake.selector);
        sfc.undelegate(1, 0, 2 ether);
        vm.expectRevert(SfcStandIn.ZeroAmount.selector);
        sfc.undelegate(1, 0, 0);
        vm.stopPrank();
    }

    function test_rewards_claim_and_restake() public {
        vm.prank(alice);
        sfc.delegate{value: 10 ether}(1);
        vm.prank(alice);
        vm.expectRevert(SfcStandIn.ZeroRewards.selector);
        sfc.claimRewards(1);

        sfc.addRewards{value: 3 ether}(alice, 1);
        assertEq(sfc.pendingRewards(alice, 1), 3 ether, "pending");
        uint256 before = alice.balance;
        vm.prank(alice);
        sfc.claimRewards(1);
        assertEq(alice.balance - before, 3 ether, "claimed");
        assertEq(sfc.pendingRewards(alice, 1), 0, "none left");

        sfc.addRewards{value: 2 ether}(alice, 1);
        vm.prank(alice);
        sfc.restakeRewards(1);
        assertEq(sfc.getStake(alice, 1), 12 ether, "restaked");
        assertEq(sfc.pendingRewards(alice, 1), 0, "none left after restake");
    }

    function testFuzz_delegate_undelegate_conserves(uint96 amount, uint96 part) public {
        vm.assume(amount > 0);
        uint256 out = bound(part, 1, amount);
        vm.deal(alice, amount);
        vm.startPrank(alice);
        sfc.delegate{value: amount}(1);
        sfc.undelegate(1, 1, out);
        vm.stopPrank();
        (, uint256 received,,,,,) = sfc.getValidator(1);
        assertEq(sfc.getStake(alice, 1) + out, amount, "stake + request");
        assertEq(received, amount - out, "validator stake");
    }
}
