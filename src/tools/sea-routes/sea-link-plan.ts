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

export const SEA_LINK_PLAN: readonly (readonly [from: string, to: string, service: SeaService])[] = [
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
  ['nhava-sheva', 'hormuz', 'regional'],
  ['nhava-sheva', 'bab-el-mandeb', 'deep-sea'],
  ['karachi', 'gwadar', 'regional'],
  ['karachi', 'hormuz', 'regional'],
  ['karachi', 'bab-el-mandeb', 'deep-sea'],
  // The Gulf, inside the Strait of Hormuz.
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
  // Round Africa.
  ['cape-of-good-hope', 'rotterdam', 'deep-sea'],
];
