/**
 * The sea links whose km and geometry come from the maritime network. Each joins two ports or chokepoints that a
 * ship sails between without passing another chokepoint of the network, so that avoiding a chokepoint removes
 * every route through it (build-sea-links checks this).
 *
 * `deep-sea`: mainline container services (Asia – Europe, Asia – Middle East): 16 kn, the speed of the PEMP
 * Shanghai – Rotterdam example; `regional`: feeder and short-sea services, with the speed and tariffs of the
 * network's existing Indian Ocean rows.
 */
export type SeaService = 'deep-sea' | 'regional';

/**
 * A link that is a service of its own (the India/Pakistan – Gulf feeders) carries the sailing interval of the
 * network's existing Indian Ocean rows; a link that is one part of a longer voyage carries none, since every part
 * would add the wait again.
 */
export interface SeaLinkExtras {
  serviceIntervalH?: number;
  corridors?: readonly string[];
}

const GULF_FEEDER: SeaLinkExtras = { serviceIntervalH: 168, corridors: ['india-sea'] };

export const SEA_LINK_PLAN: readonly (readonly [
  from: string,
  to: string,
  service: SeaService,
  extras?: SeaLinkExtras,
])[] = [
  // China's coast, north to south, and on to the Singapore Strait.
  ['tianjin', 'qingdao', 'regional'],
  ['qingdao', 'lianyungang', 'regional'],
  ['lianyungang', 'shanghai', 'regional'],
  ['shanghai', 'ningbo-zhoushan', 'regional'],
  ['ningbo-zhoushan', 'shenzhen', 'deep-sea'],
  ['shenzhen', 'singapore', 'deep-sea'],
  ['singapore', 'port-klang', 'regional'],
  ['singapore', 'malacca', 'deep-sea'],
  ['port-klang', 'malacca', 'regional'],
  // Indian Ocean, from the Strait of Malacca.
  ['malacca', 'nhava-sheva', 'deep-sea'],
  ['malacca', 'mundra', 'deep-sea'],
  ['malacca', 'karachi', 'deep-sea'],
  ['malacca', 'chabahar', 'deep-sea'],
  ['malacca', 'hormuz', 'deep-sea'],
  ['malacca', 'bab-el-mandeb', 'deep-sea'],
  ['malacca', 'cape-of-good-hope', 'deep-sea'],
  ['nhava-sheva', 'hormuz', 'regional', GULF_FEEDER],
  ['mundra', 'hormuz', 'regional', GULF_FEEDER],
  ['sohar', 'hormuz', 'regional', GULF_FEEDER],
  ['nhava-sheva', 'bab-el-mandeb', 'deep-sea'],
  ['karachi', 'gwadar', 'regional', { serviceIntervalH: 168 }],
  ['karachi', 'hormuz', 'regional', { serviceIntervalH: 168 }],
  ['karachi', 'bab-el-mandeb', 'deep-sea'],
  // The Gulf, inside the Strait of Hormuz (these replace the direct Bandar Abbas – India/Oman rows).
  ['hormuz', 'jebel-ali', 'regional'],
  ['hormuz', 'bandar-abbas', 'regional'],
  // Red Sea and Suez.
  ['bab-el-mandeb', 'jeddah', 'deep-sea'],
  ['jeddah', 'suez', 'deep-sea'],
  ['bab-el-mandeb', 'suez', 'deep-sea'],
  ['suez', 'port-said', 'deep-sea'],
  // Mediterranean, Black Sea and northern Europe.
  ['port-said', 'piraeus', 'regional'],
  ['port-said', 'mersin', 'regional'],
  ['port-said', 'rotterdam', 'deep-sea'],
  ['piraeus', 'bosporus', 'regional'],
  ['bosporus', 'constanta', 'regional'],
  ['bosporus', 'novorossiysk', 'regional'],
  ['bosporus', 'poti', 'regional'],
  ['bosporus', 'batumi', 'regional'],
  ['poti', 'batumi', 'regional'],
  ['rotterdam', 'hamburg', 'regional'],
  // Round the Strait of Malacca, through the Lombok Strait.
  ['shenzhen', 'lombok', 'deep-sea'],
  ['lombok', 'nhava-sheva', 'deep-sea'],
  ['lombok', 'bab-el-mandeb', 'deep-sea'],
  ['lombok', 'cape-of-good-hope', 'deep-sea'],
  // Round Africa.
  ['cape-of-good-hope', 'rotterdam', 'deep-sea'],
];
