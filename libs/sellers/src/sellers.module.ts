import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Cooperative } from './cooperative.entity.js';
import { SellerAccess } from './seller-access.service.js';
import { SellerDocument } from './seller-document.entity.js';
import { Seller } from './seller.entity.js';
import { SellersService } from './sellers.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Seller, Cooperative, SellerDocument])],
  providers: [SellersService, SellerAccess],
  exports: [SellersService, SellerAccess],
})
export class SellersModule {}
