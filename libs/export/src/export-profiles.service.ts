import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SignedInUser } from '#libs/identity';
import { DomainEvents } from '#libs/platform';
import { SellerAccess, SellerChanged } from '#libs/sellers';
import type { ExportProfileDto } from './export.dto.js';
import { ExportProfile } from './export-profile.entity.js';

export type ExportProfileView = Omit<ExportProfile, 'id' | 'createdAt' | 'updatedAt'> & { updatedAt: Date | null };

/** A seller's export profile; a seller without one reads as the blank profile. */
@Injectable()
export class ExportProfilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: SellerAccess,
    private readonly events: DomainEvents,
  ) {}

  async get(user: SignedInUser, sellerId: string): Promise<ExportProfileView> {
    await this.access.assertCanManage(user, sellerId);
    return toView(sellerId, await this.dataSource.getRepository(ExportProfile).findOneBy({ sellerId }));
  }

  /** Replaces the profile; search re-reads the seller's products since their export-ready flag may change. */
  async put(user: SignedInUser, sellerId: string, dto: ExportProfileDto): Promise<ExportProfileView> {
    await this.access.assertCanManage(user, sellerId);
    const saved = await this.dataSource.transaction(async (manager) => {
      const values = {
        sellerId,
        exportExperience: dto.exportExperience,
        targetMarkets: [...new Set(dto.targetMarkets)],
        productionCapacityPerMonth: dto.productionCapacityPerMonth,
        hasExportPlan: dto.hasExportPlan,
        exportStaff: dto.exportStaff ?? 0,
        paymentTermsAccepted: [...new Set(dto.paymentTermsAccepted ?? [])],
        portOfLoading: dto.portOfLoading ?? null,
        samplePolicy: dto.samplePolicy ?? null,
        privateLabel: dto.privateLabel ?? false,
        oem: dto.oem ?? false,
      };
      await manager.upsert(ExportProfile, values, ['sellerId']);
      // Export readiness is part of the seller's search documents.
      await this.events.record(manager, SellerChanged, { sellerId });
      return manager.findOneByOrFail(ExportProfile, { sellerId });
    });
    return toView(sellerId, saved);
  }
}

function toView(sellerId: string, profile: ExportProfile | null): ExportProfileView {
  return {
    sellerId,
    exportExperience: profile?.exportExperience ?? 'none',
    targetMarkets: profile?.targetMarkets ?? [],
    productionCapacityPerMonth: profile?.productionCapacityPerMonth ?? null,
    hasExportPlan: profile?.hasExportPlan ?? false,
    exportStaff: profile?.exportStaff ?? 0,
    paymentTermsAccepted: profile?.paymentTermsAccepted ?? [],
    portOfLoading: profile?.portOfLoading ?? null,
    samplePolicy: profile?.samplePolicy ?? null,
    privateLabel: profile?.privateLabel ?? false,
    oem: profile?.oem ?? false,
    updatedAt: profile?.updatedAt ?? null,
  };
}
