// Every command ID in one table (package.json declares the same IDs with category "Chant").
export const Commands = {
  refresh: 'chantSpecs.refresh',
  openSpec: 'chantSpecs.openSpec',
  copyId: 'chantSpecs.copyId',
  revealInExplorer: 'chantSpecs.revealInExplorer',
  groupByStatus: 'chantSpecs.groupByStatus',
  groupByHierarchy: 'chantSpecs.groupByHierarchy',
  filter: 'chantSpecs.filter',
  clearFilter: 'chantSpecs.clearFilter',
  newSpec: 'chantSpecs.newSpec',
  addMember: 'chantSpecs.addMember',
  initProject: 'chantSpecs.initProject',
  workSpec: 'chantSpecs.workSpec',
  workSpecChain: 'chantSpecs.workSpecChain',
  showRunTerminal: 'chantSpecs.showRunTerminal',
  lintWorkspace: 'chantSpecs.lintWorkspace',
} as const;
