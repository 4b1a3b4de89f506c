import { Module } from '@nestjs/common';
import { AuditLog } from './audit-log.service.js';

/** The append-only audit log (`audit_log`), written by any feature in its own transaction. */
@Module({
  providers: [AuditLog],
  exports: [AuditLog],
})
export class AuditModule {}
