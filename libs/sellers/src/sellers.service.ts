import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Seller } from './seller.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class SellersService {
  constructor(@InjectRepository(Seller) private readonly sellers: Repository<Seller>) {}

  findById(id: string): Promise<Seller | null> {
    return UUID.test(id) ? this.sellers.findOneBy({ id }) : Promise.resolve(null);
  }

  findBySlug(slug: string): Promise<Seller | null> {
    return this.sellers.findOneBy({ slug: slug.toLowerCase() });
  }

  findByIdOrSlug(idOrSlug: string): Promise<Seller | null> {
    return UUID.test(idOrSlug) ? this.findById(idOrSlug) : this.findBySlug(idOrSlug);
  }
}
