/** What a host (the Electron shell, the e2e bridge) needs from the engine side. */
export { ShokoService } from './shoko-service';
export { dispatchEngine } from './api-dispatch';
export { readAsset, type AssetResponse } from './asset-service';
export { usePackagedResources } from './packaged-resources';
