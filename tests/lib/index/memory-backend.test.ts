import { MemoryBackend } from '../../../lib/index/memory-backend';
import { describeIndexContract } from './index-contract';

describeIndexContract('the memory backend', async () => new MemoryBackend());
