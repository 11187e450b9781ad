import { agent } from './agent';
import { batch } from './batch';
import { chat } from './chat';
import { embedding } from './embedding';
import { image } from './image';
import { job } from './job';
import { model } from './model';

/** The node's resources, in the order the Resource selector shows them; the first is the default. */
export const RESOURCES = [chat, agent, batch, embedding, image, job, model];
