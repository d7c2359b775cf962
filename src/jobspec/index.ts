/**
 * jobspec: reads Nomad job files (HCL2 native or JSON syntax, or the API's JSON) into the
 * canonical Job struct, with every problem reported at its position; and formats HCL files.
 */
export {
  parseJob,
  formatDiagnostics,
  type ParseJobOptions,
  type ParsedJob,
} from './decode/job-file.js';
export { parseJobJSON } from './decode/api-json.js';
export {
  parseJobFile,
  type ParseJobFileOptions,
  type ParsedJobFile,
} from './decode/job-file-port.js';
export { formatHCL } from './format/index.js';
export { formatDiagnostic, type Diagnostic } from './hcl/diagnostic.js';
export { formatRange, type Range } from './hcl/range.js';
export { parseNative, type NativeBody, type ParseNativeOptions } from './hcl/parse.js';
export { parseJSONValue, type JSONNode } from './hcl/json-parser.js';
export type { Expression } from './hcl/ast.js';
export { nameSuggestion } from './hcl/suggest.js';
