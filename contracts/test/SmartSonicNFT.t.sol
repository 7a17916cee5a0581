// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "./utils/Test.sol";
import {SmartSonicSubscription} from "../src/SmartSonicSubscription.sol";
import {SmartSonicNFT} from "../src/SmartSonicNFT.sol";

contract SmartSonicNFTTest is Test {
    SmartSonicSubscription internal sub;
    SmartSonicNFT internal nft;
    address internal alice = address(0xA11CE);
    address internal bob = address(0xB0B);

    function setUp() public {
        vm.warp(1_700_000_000);
        sub = new SmartSonicSubscription(1 ether, 30 days, address(this));
        nft = new SmartSonicNFT(sub);
        vm.deal(alice, 10 ether);
        vm.deal(bob, 10 ether);
    }

    function test_mint_needs_an_active_subscription() public {
        vm.expectRevert(abi.encodeWithSelector(SmartSonicNFT.SubscriptionRequired.selector, alice));
        vm.prank(alice);
        nft.mint("ipfs://bafkreiexample");
        vm.prank(alice);
        sub.purchase{value: 1 ether}();
        vm.prank(alice);
        uint256 id = nft.mint("ipfs://bafkreiexample");
        assertEq(id, 1, "first id");
        assertEq(nft.ownerOf(id), alice, "owner");
        assertEq(nft.tokenURI(id), "ipfs://bafkreiexample", "tokenURI");
        vm.warp(block.timestamp + 31 days);
        vm.expectRevert(abi.encodeWithSelector(SmartSonicNFT.SubscriptionRequired.selector, alice));
        vm.prank(alice);
        nft.mint("ipfs://again");
    }

    function test_enumeration_lists_my_tokens() public {
        vm.prank(alice);
        sub.purchase{value: 1 ether}();
        vm.startPrank(alice);
        nft.mint("ipfs://a");
        nft.mint("ipfs://b");
        vm.stopPrank();
        assertEq(nft.balanceOf(alice), 2, "balance");
        assertEq(nft.tokenOfOwnerByIndex(alice, 1), 2, "second token");
        assertEq(nft.totalSupply(), 2, "supply");
    }

    function test_interfaces_and_empty_uri() public {
        assertTrue(nft.supportsInterface(0x80ac58cd), "ERC-721");
        assertTrue(nft.supportsInterface(0x5b5e139f), "metadata");
        assertTrue(nft.supportsInterface(0x780e9d63), "enumerable");
        assertTrue(nft.supportsInterface(0x01ffc9a7), "ERC-165");
        vm.prank(bob);
        sub.purchase{value: 1 ether}();
        vm.expectRevert(SmartSonicNFT.EmptyURI.selector);
        vm.prank(bob);
        nft.mint("");
    }
}
