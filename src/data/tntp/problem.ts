import {
  buildAssignmentNetwork,
  demandFromTriples,
  type AssignmentNetwork,
  type OdDemand,
} from '../../assign/network.js';
import { InvalidInputError } from '../../model/issues.js';
import { readTntpNetworkFile, type TntpNetwork } from './read-net.js';
import { readTntpTripsFile, type TntpTrips } from './read-trips.js';

/** A TNTP network and trip table, read, cross-checked and turned into the assignment core's typed arrays. */
export interface TntpProblem {
  net: TntpNetwork;
  trips: TntpTrips;
  network: AssignmentNetwork;
  demand: OdDemand;
}

export function loadTntpProblem(netPath: string, tripsPath: string): TntpProblem {
  const net = readTntpNetworkFile(netPath);
  const trips = readTntpTripsFile(tripsPath);
  return tntpProblem(net, trips, netPath, tripsPath);
}

export function tntpProblem(net: TntpNetwork, trips: TntpTrips, netPath: string, tripsPath: string): TntpProblem {
  if (net.zones > net.nodes) {
    throw new InvalidInputError(
      [
        {
          severity: 'error',
          file: netPath,
          field: 'NUMBER OF ZONES',
          message: `${net.zones} zones but only ${net.nodes} nodes`,
        },
      ],
      `invalid TNTP network ${netPath}`,
    );
  }
  if (trips.zones !== net.zones) {
    throw new InvalidInputError(
      [
        {
          severity: 'error',
          file: tripsPath,
          field: 'NUMBER OF ZONES',
          message: `${trips.zones} zones, but the network ${netPath} has ${net.zones}`,
        },
      ],
      `trip table does not match the network`,
    );
  }
  const network = buildAssignmentNetwork(net);
  const demand = demandFromTriples(trips.zones, trips.origin, trips.destination, trips.volume);
  return { net, trips, network, demand };
}
