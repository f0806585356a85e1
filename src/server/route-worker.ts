import { parentPort, workerData } from 'node:worker_threads';
import type { Network } from '../model/types.js';
import { NoRouteError, RouteQueryError } from '../routing/plan-routes.js';
import { ReliabilityMemo } from './reliability-memo.js';
import { routeAnswer, type RouteEngine } from './route-answer.js';
import { RouterCache } from './router-cache.js';
import type { RouteWorkerReply, RouteWorkerRequest } from './route-workers.js';

/**
 * A route worker thread: its own compiled graphs, kept search trees and simulation memo on a copy of the server's
 * network, answering route requests the server's thread has already validated.
 */
const network = workerData as Network;
const engine: RouteEngine = {
  network,
  routers: new RouterCache(),
  reliability: new ReliabilityMemo(network),
};

parentPort!.on('message', ({ id, input }: RouteWorkerRequest) => {
  let reply: RouteWorkerReply;
  try {
    reply = { id, answer: routeAnswer(engine, input) };
  } catch (error) {
    if (error instanceof RouteQueryError)
      reply = {
        id,
        error: {
          kind: error instanceof NoRouteError ? 'no-route' : 'query',
          message: error.message,
          ...(error.field === undefined ? {} : { field: error.field }),
        },
      };
    else reply = { id, error: { kind: 'fault', message: error instanceof Error ? error.message : String(error) } };
  }
  parentPort!.postMessage(reply);
});
