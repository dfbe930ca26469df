import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '@app/auth';
import { ApiProblems } from '@app/config';
import { type Principal } from '@app/domain';

import { TemporalPayloadsDto } from './temporal-codec.dto';
import { TemporalCodecService } from './temporal-codec.service';

const NAMESPACE_HEADER = ApiHeader({
  name: 'X-Namespace',
  required: false,
  description: 'the Temporal namespace the payloads come from (sent by the Temporal UI and CLI; logged)',
});
const FORBIDDEN =
  'ROLE_NOT_PERMITTED, OUT_OF_SCOPE: only an AUDITOR whose scope is the whole org tree (decoded payloads show the personal data of every case)';

/**
 * Temporal's remote codec protocol for the Temporal UI (`--ui-codec-endpoint`, codec.endpoint) and CLI
 * (`--codec-endpoint … --codec-auth "Bearer …"`): workflow histories hold only encrypted payloads.
 */
@ApiTags('temporal-codec 工作流数据解密')
@Controller('v1/temporal-codec')
export class TemporalCodecController {
  constructor(private readonly service: TemporalCodecService) {}

  @Post('decode')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'decodeTemporalPayloads',
    summary: 'Decrypt Temporal payloads (remote codec protocol; unencrypted payloads pass unchanged)',
  })
  @NAMESPACE_HEADER
  @ApiOkResponse({ type: TemporalPayloadsDto, description: 'the payloads, decoded, in the same order' })
  @ApiProblems({
    400: 'REQUEST_VALIDATION_FAILED, PAYLOAD_MALFORMED: not the codec protocol, or bytes that are not base64',
    403: FORBIDDEN,
    422: 'PAYLOAD_NOT_DECODABLE: encrypted under a key id not configured, or altered',
  })
  decode(
    @CurrentPrincipal() principal: Principal,
    @Headers('x-namespace') namespace: string | undefined,
    @Body() body: TemporalPayloadsDto,
  ): Promise<TemporalPayloadsDto> {
    return this.service.decode(principal, namespace, body);
  }

  @Post('encode')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'encodeTemporalPayloads',
    summary: 'Encrypt Temporal payloads with the active key (remote codec protocol)',
  })
  @NAMESPACE_HEADER
  @ApiOkResponse({ type: TemporalPayloadsDto, description: 'the payloads, encrypted, in the same order' })
  @ApiProblems({
    400: 'REQUEST_VALIDATION_FAILED, PAYLOAD_MALFORMED: not the codec protocol, or bytes that are not base64',
    403: FORBIDDEN,
  })
  encode(
    @CurrentPrincipal() principal: Principal,
    @Headers('x-namespace') namespace: string | undefined,
    @Body() body: TemporalPayloadsDto,
  ): Promise<TemporalPayloadsDto> {
    return this.service.encode(principal, namespace, body);
  }
}
