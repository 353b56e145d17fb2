/**
 * GitHub Actions glue: workflow commands (annotations) escaped as the toolkit does, step
 * outputs in the multiline-safe form, the outputs of an iteration's plan and verdict, and the
 * one edge that writes the step's files. Everything but actions-env.ts, locate.ts and
 * pr-comment.ts (the sticky pull-request comment, over HTTP) is pure.
 */
export { escapeData, escapeProperty, workflowCommand } from './workflow-commands.js';
export { outputBlock, outputBlocks } from './outputs.js';
export { gateAnnotations, renderAnnotation, ANNOTATION_LIMIT, type Annotation, type ExampleLocation } from './annotations.js';
export { verdictOutputs, type IterationVerdict } from './ci-outputs.js';
export { planOutputs, type IterationPlan } from './plan-outputs.js';
export { actionsFiles, writeToActions, describeWrites, type ActionsFiles, type CiWrites } from './actions-env.js';
export { exampleLocator } from './locate.js';
export { upsertComment, commentMarker, type CommentTarget } from './pr-comment.js';
