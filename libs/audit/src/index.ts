export { AuditModule } from './audit.module.js';
export { AuditLog, type AuditInput, type AuditEntry, type AuditFilter } from './audit-log.service.js';
