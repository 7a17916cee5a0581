// SPDX-License-Identifier: MIT
// Smart Sonic Premium: a time-based subscription paid in S.
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title SmartSonicSubscription
/// @notice One purchase buys one period. Buying while active extends from the current
/// end, not from now. Overpayment is refunded in the same transaction (our choice over
/// keeping a credit: nothing of the user's stays in the contract).
contract SmartSonicSubscription is Ownable, ReentrancyGuard {
    /// Price of one period, in wei of S.
    uint256 public price;
    /// Length of one period, in seconds.
    uint256 public period;
    /// Unix time at which each subscriber's subscription ends (0: never subscribed).
    mapping(address subscriber => uint256 end) public subscriptionEnd;

    event Purchased(address indexed subscriber, uint256 paid, uint256 end);
    event Renewed(address indexed subscriber, uint256 paid, uint256 end);
    event PriceChanged(uint256 oldPrice, uint256 newPrice);
    event PeriodChanged(uint256 oldPeriod, uint256 newPeriod);
    event Withdrawn(address indexed to, uint256 amount);

    error InsufficientPayment(uint256 sent, uint256 required);
    error ZeroPeriod();
    error TransferFailed();

    /// @param owner_ Receives withdrawals and may change the price and period. Explicit
    /// rather than msg.sender so the contract can be deployed through the deterministic
    /// CREATE2 factory (where msg.sender would be the factory).
    constructor(uint256 price_, uint256 period_, address owner_) Ownable(owner_) {
        if (period_ == 0) revert ZeroPeriod();
        price = price_;
        period = period_;
    }

    /// @notice Whether `subscriber` is subscribed now.
    function isSubscriptionActive(address subscriber) public view returns (bool) {
        return subscriptionEnd[subscriber] > block.timestamp;
    }

    /// @notice Buys one period for the caller; refunds anything paid above the price.
    function purchase() external payable nonReentrant returns (uint256 end) {
        uint256 cost = price;
        if (msg.value < cost) revert InsufficientPayment(msg.value, cost);
        uint256 current = subscriptionEnd[msg.sender];
        bool active = current > block.timestamp;
        end = (active ? current : block.timestamp) + period;
        subscriptionEnd[msg.sender] = end;
        if (active) {
            emit Renewed(msg.sender, cost, end);
        } else {
            emit Purchased(msg.sender, cost, end);
        }
        uint256 refund = msg.value - cost;
        if (refund > 0) {
            (bool ok,) = payable(msg.sender).call{value: refund}("");
            if (!ok) revert TransferFailed();
        }
    }

    /// @notice Changes the price of a period (future purchases only).
    function setPrice(uint256 newPrice) external onlyOwner {
        emit PriceChanged(price, newPrice);
        price = newPrice;
    }

    /// @notice Changes the length of a period (future purchases only).
    function setPeriod(uint256 newPeriod) external onlyOwner {
        if (newPeriod == 0) revert ZeroPeriod();
        emit PeriodChanged(period, newPeriod);
        period = newPeriod;
    }

    /// @notice Sends the whole balance to `to`.
    function withdraw(address payable to) external onlyOwner nonReentrant {
        uint256 amount = address(this).balance;
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert TransferFailed();
        emit Withdrawn(to, amount);
    }
}
