// Web console accounts and their sessions.
// Code outside erp/services imports this group through this file; the rest is internal.
export * from './operator-users';
export * from './operator-sessions';
export { OPERATOR_ROLES, type OperatorRole } from '../../entities/operator-user';
