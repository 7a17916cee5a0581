// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title A stand-in for Sonic's SFC staking contract, for tests and the devnet.
/// @notice It answers the SFC's delegation functions with the SFC's ABI (same
/// signatures, same error names), so the wallet's staking code runs unchanged against
/// it once it is installed at 0xFC00FACE00000000000000000000000000000000 with
/// `anvil_setCode`. It works from empty storage: validator 1 exists and is active
/// without any set-up, more validators are added by anyone with `addValidator`, and
/// rewards are funded by anyone with `addRewards`. There are no epochs and no
/// slashing; a withdrawal waits `withdrawalPeriodTime()` seconds after undelegation.
/// @dev Never deploy this anywhere that holds real value: it has no owner by design.
contract SfcStandIn {
    /// Status of an active validator (the SFC's OK_STATUS).
    uint256 internal constant OK_STATUS = 0;
    /// Status bit of a validator that withdrew (the SFC's WITHDRAWN_BIT).
    uint256 internal constant WITHDRAWN_BIT = 1;
    /// The id of the validator that exists from empty storage.
    uint256 internal constant DEFAULT_VALIDATOR = 1;
    /// How long undelegated stake stays locked (Sonic's withdrawalPeriodTime).
    uint256 internal constant WITHDRAWAL_PERIOD = 14 days;

    struct Validator {
        uint256 status;
        uint256 receivedStake;
        address auth;
        uint256 createdTime;
        uint256 deactivatedTime;
    }

    struct WithdrawalRequest {
        uint256 epoch;
        uint256 time;
        uint256 amount;
    }

    /// Validators by id (id 1's entry may be empty: see `_validator`).
    mapping(uint256 => Validator) internal validators;
    /// The highest id handed out by `addValidator` (0: only the default one exists).
    uint256 internal addedValidators;
    /// Stake of each delegator with each validator.
    mapping(address => mapping(uint256 => uint256)) internal stakes;
    /// Rewards of each delegator with each validator, not yet claimed.
    mapping(address => mapping(uint256 => uint256)) internal rewards;
    /// Withdrawal requests by delegator, validator and request id.
    mapping(address => mapping(uint256 => mapping(uint256 => WithdrawalRequest))) internal requests;

    event CreatedValidator(uint256 indexed validatorID, address indexed auth, uint256 createdEpoch, uint256 createdTime);
    event DeactivatedValidator(uint256 indexed validatorID, uint256 deactivatedEpoch, uint256 deactivatedTime);
    event Delegated(address indexed delegator, uint256 indexed toValidatorID, uint256 amount);
    event Undelegated(address indexed delegator, uint256 indexed toValidatorID, uint256 indexed wrID, uint256 amount);
    event Withdrawn(
        address indexed delegator, uint256 indexed toValidatorID, uint256 indexed wrID, uint256 amount, uint256 penalty
    );
    event ClaimedRewards(address indexed delegator, uint256 indexed toValidatorID, uint256 rewards);
    event RestakedRewards(address indexed delegator, uint256 indexed toValidatorID, uint256 rewards);

    error ValidatorNotExists();
    error ValidatorNotActive();
    error ZeroAmount();
    error ZeroRewards();
    error NotEnoughUnlockedStake();
    error RequestExists();
    error RequestNotExists();
    error NotEnoughTimePassed();
    error NotAuthorized();
    error TransferFailed();

    // ----- devnet helpers (not in the SFC) -----

    /// Creates the next validator, owned (for `deactivateValidator`) by the caller.
    function addValidator() external returns (uint256 id) {
        id = _lastValidatorID() + 1;
        addedValidators = id;
        validators[id] = Validator(OK_STATUS, 0, msg.sender, block.timestamp, 0);
        emit CreatedValidator(id, msg.sender, 0, block.timestamp);
    }

    /// Marks a validator the caller added as withdrawn (no longer active).
    function deactivateValidator(uint256 validatorID) external {
        Validator storage v = validators[validatorID];
        if (v.createdTime == 0) revert ValidatorNotExists();
        if (v.auth != msg.sender) revert NotAuthorized();
        v.status = WITHDRAWN_BIT;
        v.deactivatedTime = block.timestamp;
        emit DeactivatedValidator(validatorID, 0, block.timestamp);
    }

    /// Credits the value sent as rewards of `delegator` with `validatorID`.
    function addRewards(address delegator, uint256 validatorID) external payable {
        if (msg.value == 0) revert ZeroAmount();
        rewards[delegator][validatorID] += msg.value;
    }

    // ----- the SFC's interface -----

    /// The contract holding the network constants (here, this one).
    function constsAddress() external view returns (address) {
        return address(this);
    }

    /// Seconds between an undelegation and its withdrawal (a ConstantsManager getter).
    function withdrawalPeriodTime() external pure returns (uint256) {
        return WITHDRAWAL_PERIOD;
    }

    /// The highest validator id.
    function lastValidatorID() external view returns (uint256) {
        return _lastValidatorID();
    }

    /// A validator, in the SFC's field order; all zero for an unknown id.
    function getValidator(uint256 validatorID)
        external
        view
        returns (
            uint256 status,
            uint256 receivedStake,
            address auth,
            uint256 createdEpoch,
            uint256 createdTime,
            uint256 deactivatedTime,
            uint256 deactivatedEpoch
        )
    {
        Validator memory v = _validator(validatorID);
        return (v.status, v.receivedStake, v.auth, 0, v.createdTime, v.deactivatedTime, 0);
    }

    /// The stake of `delegator` with `validatorID`.
    function getStake(address delegator, uint256 validatorID) external view returns (uint256) {
        return stakes[delegator][validatorID];
    }

    /// Rewards `delegator` can claim from `toValidatorID`.
    function pendingRewards(address delegator, uint256 toValidatorID) external view returns (uint256) {
        return rewards[delegator][toValidatorID];
    }

    /// A withdrawal request (all zero when there is none).
    function getWithdrawalRequest(address delegator, uint256 validatorID, uint256 wrID)
        external
        view
        returns (uint256 epoch, uint256 time, uint256 amount)
    {
        WithdrawalRequest memory r = requests[delegator][validatorID][wrID];
        return (r.epoch, r.time, r.amount);
    }

    /// Delegates the value sent to an active validator.
    function delegate(uint256 toValidatorID) external payable {
        _requireActive(toValidatorID);
        if (msg.value == 0) revert ZeroAmount();
        _addStake(msg.sender, toValidatorID, msg.value);
        emit Delegated(msg.sender, toValidatorID, msg.value);
    }

    /// Starts the withdrawal of `amount` as request `wrID` (an id the caller chooses).
    function undelegate(uint256 toValidatorID, uint256 wrID, uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        if (amount > stakes[msg.sender][toValidatorID]) revert NotEnoughUnlockedStake();
        WithdrawalRequest storage r = requests[msg.sender][toValidatorID][wrID];
        if (r.amount != 0) revert RequestExists();
        stakes[msg.sender][toValidatorID] -= amount;
        validators[toValidatorID].receivedStake -= amount;
        r.time = block.timestamp;
        r.amount = amount;
        emit Undelegated(msg.sender, toValidatorID, wrID, amount);
    }

    /// Pays out request `wrID` once its lock period is over.
    function withdraw(uint256 toValidatorID, uint256 wrID) external {
        WithdrawalRequest memory r = requests[msg.sender][toValidatorID][wrID];
        if (r.amount == 0) revert RequestNotExists();
        if (block.timestamp < r.time + WITHDRAWAL_PERIOD) revert NotEnoughTimePassed();
        delete requests[msg.sender][toValidatorID][wrID];
        _pay(msg.sender, r.amount);
        emit Withdrawn(msg.sender, toValidatorID, wrID, r.amount, 0);
    }

    /// Pays out the caller's rewards from `toValidatorID`.
    function claimRewards(uint256 toValidatorID) external {
        uint256 amount = _takeRewards(msg.sender, toValidatorID);
        _pay(msg.sender, amount);
        emit ClaimedRewards(msg.sender, toValidatorID, amount);
    }

    /// Adds the caller's rewards from `toValidatorID` to their stake with it.
    function restakeRewards(uint256 toValidatorID) external {
        _requireActive(toValidatorID);
        uint256 amount = _takeRewards(msg.sender, toValidatorID);
        _addStake(msg.sender, toValidatorID, amount);
        emit RestakedRewards(msg.sender, toValidatorID, amount);
    }

    // ----- internals -----

    function _lastValidatorID() internal view returns (uint256) {
        return addedValidators > DEFAULT_VALIDATOR ? addedValidators : DEFAULT_VALIDATOR;
    }

    /// The validator under `id`; the default one reads as active from empty storage.
    function _validator(uint256 id) internal view returns (Validator memory v) {
        v = validators[id];
        if (id == DEFAULT_VALIDATOR && v.createdTime == 0) {
            v.createdTime = 1;
        }
    }

    function _requireActive(uint256 id) internal view {
        Validator memory v = _validator(id);
        if (v.createdTime == 0) revert ValidatorNotExists();
        if (v.status != OK_STATUS) revert ValidatorNotActive();
    }

    function _addStake(address delegator, uint256 id, uint256 amount) internal {
        stakes[delegator][id] += amount;
        validators[id].receivedStake += amount;
    }

    function _takeRewards(address delegator, uint256 id) internal returns (uint256 amount) {
        amount = rewards[delegator][id];
        if (amount == 0) revert ZeroRewards();
        rewards[delegator][id] = 0;
    }

    function _pay(address to, uint256 amount) internal {
        (bool ok,) = payable(to).call{value: amount}("");
        if (!ok) revert TransferFailed();
    }
}
