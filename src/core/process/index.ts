export { bubblewrapArgs, findBubblewrap, type FileView } from './bubblewrap.js';
export { findExecutable } from './executable.js';
export { holdingLimit, holdings, strongestWrapper, weakerHolding, type Holding, type Wrapper } from './holding.js';
