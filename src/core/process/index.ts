export { findExecutable } from './executable.js';
export { holdingLimit, holdings, strongestWrapper, type Holding, type Wrapper } from './holding.js';
