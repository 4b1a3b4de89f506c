import 'reflect-metadata';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import { JobQueue, type JobSpec } from '../jobs/job-queue.service.js';
import { LOGGER, type Logger } from '../logging/logger.js';

/**
 * A typed domain event: a name (`<lib>.<PastTense>`) and the shape of its payload. Each lib
 * declares its events in one file, `libs/<lib>/src/<lib>.events.ts`; the service that changes the
 * data records them in the same transaction (`DomainEvents.record(manager, ProductChanged, …)`).
 * `key` names the thing the event is about: after-commit subscribers' jobs with one key coalesce
 * while they wait (only for "X changed, read it again" events, whose payload is the same for one key).
 */
export interface EventType<P extends object = Record<string, unknown>> {
  readonly type: string;
  readonly key?: (payload: P) => string;
  /** Only carries the payload type. */
  readonly __payload?: P;
}

const declared = new Map<string, EventType<object>>();

export function defineEvent<P extends object>(type: string, options: { key?: (payload: P) => string } = {}): EventType<P> {
  if (!/^[a-z][a-z0-9-]*\.[A-Z][A-Za-z0-9]*$/.test(type)) throw new Error(`Event type ${type} must be <lib>.<PascalCaseName>`);
  if (declared.has(type)) throw new Error(`Event type ${type} is declared twice`);
  const event: EventType<P> = Object.freeze({ type, ...options });
  declared.set(type, event as unknown as EventType<object>);
  return event;
}

/** Every event type declared in this process (each must have a subscriber: checked at start). */
export function declaredEvents(): EventType<object>[] {
  return [...declared.values()];
}

const ON_EVENT = 'pk:on-event';
const ON_EVENT_IN_TRANSACTION = 'pk:on-event-in-transaction';

interface Registration {
  event: EventType<object>;
  key?: (payload: object) => string;
}

function addMetadata(key: string, registration: Registration, method: object) {
  const list: Registration[] = Reflect.getMetadata(key, method) ?? [];
  Reflect.defineMetadata(key, [...list, registration], method);
}

/**
 * After commit: the method runs in the worker, as one graphile-worker job per recorded event (its
 * own retries with backoff, its own dead letter). Its task is `<event type>:<Class>.<method>`.
 * It may run more than once for one event (at least once): make it idempotent. `key` (default:
 * the event's) coalesces this subscriber's waiting jobs, e.g. by seller when it only reads the seller.
 */
export const OnEvent =
  <P extends object>(event: EventType<P>, options: { key?: (payload: P) => string } = {}) =>
  <M extends (payload: P) => Promise<unknown>>(_target: object, _key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    addMetadata(ON_EVENT, { event: event as unknown as EventType<object>, key: (options.key ?? event.key) as Registration['key'] }, descriptor.value!);
  };

/**
 * In the transaction that records the event, before it commits: for cheap bookkeeping that must be
 * true at commit (SQL on the given manager only, no I/O outside the database; a throw rolls the
 * change back). Gets every payload of one `record` call at once.
 */
export const OnEventInTransaction =
  <P extends object>(event: EventType<P>) =>
  <M extends (payloads: P[], manager: EntityManager) => Promise<unknown>>(_target: object, _key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    addMetadata(ON_EVENT_IN_TRANSACTION, { event: event as unknown as EventType<object> }, descriptor.value!);
  };

interface Subscriber {
  task: string;
  key?: (payload: object) => string;
  run: (payload: object) => Promise<unknown>;
}

/**
 * The one path of a change to whoever reacts to it (search, storefront stamps, reputation, …):
 * `record` runs the in-transaction listeners and adds one job per after-commit subscriber in the
 * caller's transaction, so nothing is sent for a change that rolls back and nothing is lost for one
 * that commits (transactional outbox on graphile-worker). Subscribers are found at start; an event
 * type nobody subscribes to stops the start, naming it.
 */
@Injectable()
export class DomainEvents implements OnModuleInit {
  private readonly subscribers = new Map<string, Subscriber[]>();
  private readonly listeners = new Map<string, Array<(payloads: object[], manager: EntityManager) => Promise<unknown>>>();
  private discovered = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly jobs: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.discover();
  }

  /** Finds every @OnEvent and @OnEventInTransaction method; refuses to start when a declared event has neither. */
  discover(): void {
    if (this.discovered) return;
    this.subscribers.clear();
    this.listeners.clear();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || wrapper.isAlias) continue;
      const prototype = Object.getPrototypeOf(instance);
      if (!prototype || prototype === Object.prototype) continue;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = prototype[name] as (...args: never[]) => Promise<unknown>;
        for (const { event, key } of (Reflect.getMetadata(ON_EVENT, method) ?? []) as Registration[]) {
          const task = `${event.type}:${prototype.constructor.name}.${name}`;
          const list = this.subscribers.get(event.type) ?? [];
          if (list.some((s) => s.task === task)) throw new Error(`Two subscribers named ${task}`);
          list.push({ task, key, run: method.bind(instance) as Subscriber['run'] });
          this.subscribers.set(event.type, list);
        }
        for (const { event } of (Reflect.getMetadata(ON_EVENT_IN_TRANSACTION, method) ?? []) as Registration[]) {
          const list = this.listeners.get(event.type) ?? [];
          list.push(method.bind(instance) as (payloads: object[], manager: EntityManager) => Promise<unknown>);
          this.listeners.set(event.type, list);
        }
      }
    }
    const orphans = declaredEvents().filter((event) => !this.subscribers.has(event.type) && !this.listeners.has(event.type));
    if (orphans.length) {
      throw new Error(
        `Event type${orphans.length > 1 ? 's' : ''} ${orphans.map((e) => e.type).join(', ')} ha${orphans.length > 1 ? 've' : 's'} no subscriber: add an @OnEvent or @OnEventInTransaction, or stop declaring it`,
      );
    }
    this.discovered = true;
    this.logger.debug({ events: [...new Set([...this.subscribers.keys(), ...this.listeners.keys()])].sort() }, 'domain event subscribers found');
  }

  /** Records one or more events of one type in the caller's transaction. */
  async record<P extends object>(manager: EntityManager, event: EventType<P>, payload: P | readonly P[]): Promise<void> {
    const payloads = (Array.isArray(payload) ? payload : [payload]) as P[];
    if (payloads.length === 0) return;
    this.discover();
    if (declared.get(event.type) !== (event as unknown as EventType<object>)) throw new Error(`Event type ${event.type} was not declared with defineEvent`);
    for (const listener of this.listeners.get(event.type) ?? []) await listener(payloads, manager);
    const specs: JobSpec[] = [];
    for (const subscriber of this.subscribers.get(event.type) ?? []) {
      for (const p of payloads) specs.push({ identifier: subscriber.task, payload: p, key: subscriber.key ? `${subscriber.task}:${subscriber.key(p)}` : null });
    }
    await this.jobs.add(manager, specs);
  }

  /** The graphile-worker tasks of the after-commit subscribers, by task name (for the worker). */
  tasks(): Map<string, (payload: object) => Promise<unknown>> {
    this.discover();
    return new Map([...this.subscribers.values()].flat().map((s) => [s.task, s.run]));
  }

  /** The task names of an event's after-commit subscribers (operators, tests). */
  subscriberTasks<P extends object>(event: EventType<P>): string[] {
    this.discover();
    return (this.subscribers.get(event.type) ?? []).map((s) => s.task);
  }
}
