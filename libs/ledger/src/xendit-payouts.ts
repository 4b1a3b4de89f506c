import { Inject, Injectable } from '@nestjs/common';
import { JobHandler, LOGGER, type Logger } from '#libs/platform';
import { SEND_PAYOUTS_JOB } from './payout-gateway.js';
import { PayoutsService } from './payouts.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Xendit's payout callback, as it sends it (API.md "Indonesian payment methods"). */
export interface PayoutCallback {
  event?: unknown;
  data?: { id?: unknown; reference_id?: unknown; status?: unknown; failure_code?: unknown };
}

/**
 * The gateway side of payouts: sends a run's batch after it committed (SEND_PAYOUTS_JOB), and
 * applies Xendit's payout callbacks through the payouts' own outcome paths (row-locked and
 * idempotent there: a repeated callback changes nothing).
 */
@Injectable()
export class XenditPayouts {
  constructor(
    private readonly payouts: PayoutsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @JobHandler(SEND_PAYOUTS_JOB)
  async sendBatch(payload: { batchId: string }): Promise<void> {
    if (typeof payload.batchId === 'string') await this.payouts.send(payload.batchId);
  }

  /** False when the callback names no payout of ours, or an outcome that contradicts the one recorded (logged). */
  async apply(callback: PayoutCallback): Promise<boolean> {
    const payoutId = callback.data?.reference_id;
    if (typeof payoutId !== 'string' || !UUID.test(payoutId)) return false;
    const xenditId = typeof callback.data?.id === 'string' ? callback.data.id.slice(0, 100) : 'xendit';
    try {
      if (callback.event === 'payout.succeeded') await this.payouts.markPaid(null, payoutId, xenditId);
      else if (callback.event === 'payout.failed') {
        const code = typeof callback.data?.failure_code === 'string' ? callback.data.failure_code.slice(0, 100) : 'FAILED';
        await this.payouts.markFailed(null, payoutId, `Xendit: ${code}`);
      } else return false;
      return true;
    } catch (error) {
      // Unknown payout (404) or paid after failing / failing after paid (409): nothing to change; Xendit must not retry forever.
      const status = (error as { getStatus?: () => number }).getStatus?.();
      if (status !== 404 && status !== 409) throw error;
      this.logger.warn({ payoutId, event: callback.event, status }, 'Xendit payout callback not applied');
      return false;
    }
  }
}
