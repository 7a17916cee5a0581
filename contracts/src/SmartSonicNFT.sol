// SPDX-License-Identifier: MIT
// Smart Sonic NFT creator: ERC-721 with per-token IPFS metadata, mintable only by an
// active subscriber (checked on chain, so the app's gate cannot be bypassed).
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Enumerable} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Enumerable.sol";
import {ERC721URIStorage} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721URIStorage.sol";
import {SmartSonicSubscription} from "./SmartSonicSubscription.sol";

/// @title SmartSonicNFT
contract SmartSonicNFT is ERC721Enumerable, ERC721URIStorage {
    /// The subscription contract consulted on every mint.
    SmartSonicSubscription public immutable subscription;
    /// Id of the next token.
    uint256 public nextTokenId = 1;

    event Minted(address indexed owner, uint256 indexed tokenId, string uri);

    error SubscriptionRequired(address minter);
    error EmptyURI();

    constructor(SmartSonicSubscription subscription_) ERC721("Smart Sonic NFT", "SSNFT") {
        subscription = subscription_;
    }

    /// @notice Mints a token to the caller with metadata at `uri` (ipfs://CID).
    function mint(string calldata uri) external returns (uint256 tokenId) {
        if (!subscription.isSubscriptionActive(msg.sender)) revert SubscriptionRequired(msg.sender);
        if (bytes(uri).length == 0) revert EmptyURI();
        tokenId = nextTokenId++;
        _mint(msg.sender, tokenId);
        _setTokenURI(tokenId, uri);
        emit Minted(msg.sender, tokenId, uri);
    }

    function tokenURI(uint256 tokenId) public view override(ERC721, ERC721URIStorage) returns (string memory) {
        return super.tokenURI(tokenId);
    }

    function supportsInterface(bytes4 interfaceId)
        public
        view
        override(ERC721Enumerable, ERC721URIStorage)
        returns (bool)
    {
        return super.supportsInterface(interfaceId);
    }

    function _update(address to, uint256 tokenId, address auth)
        internal
        override(ERC721, ERC721Enumerable)
        returns (address)
    {
        return super._update(to, tokenId, auth);
    }

    function _increaseBalance(address account, uint128 value) internal override(ERC721, ERC721Enumerable) {
        super._increaseBalance(account, value);
    }
}
