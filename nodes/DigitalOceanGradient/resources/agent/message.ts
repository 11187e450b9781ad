import { aboutTheAgent, toAgentItems } from './answers';
import { agentOptions } from './options';
import { conversationProperties } from '../chat/complete';
import { sendMessages } from '../chat/messages';
import { simplifyField } from '../chat/replies';
import { AGENT_CHAT_PATH } from '../../../shared/agentEndpoint';
import { defineOperation } from '../define';

export const message = (resource: string) =>
	defineOperation(resource, {
		name: 'Message an Agent',
		value: 'message',
		action: 'Message an agent',
		description:
			'Send a prompt or a conversation to an agent built in the DigitalOcean control panel and get its answer, with its sources when asked',
		request: { method: 'POST', url: AGENT_CHAT_PATH },
		properties: [...conversationProperties, simplifyField, agentOptions],
		preSend: [aboutTheAgent, sendMessages],
		postReceive: [toAgentItems],
	});
