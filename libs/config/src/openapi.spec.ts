import 'reflect-metadata';

import {
  Body,
  Controller,
  Get,
  HttpCode,
  Module,
  Param,
  ParseUUIDPipe,
  Post,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiResponse,
  type OpenAPIObject,
  type ParameterObject,
} from '@nestjs/swagger';

import { ApiActionRoutes, ApiProblems, createOpenApiDocument } from './openapi';
import { Public } from './public';

async function documentOf(...controllers: Type<unknown>[]): Promise<OpenAPIObject> {
  @Module({ controllers })
  class FixtureModule {}
  const app = await NestFactory.create(FixtureModule, { preview: true, logger: false, abortOnError: false });
  try {
    return createOpenApiDocument(app, { title: 't', description: 'd', version: '1' });
  } finally {
    await app.close();
  }
}

/** Two modules each with a body class of the same name, as the member and cadre actions had. */
const first = (() => {
  class NoticeDto {
    @ApiProperty() actingBody!: string;
  }
  return NoticeDto;
})();
const second = (() => {
  class NoticeDto {
    @ApiProperty() date!: string;
  }
  return NoticeDto;
})();

describe('createOpenApiDocument', () => {
  it('refuses two classes that would share a schema name', async () => {
    @Controller('a')
    class A {
      @Post() @HttpCode(200) @ApiOkResponse() a(@Body() _body: InstanceType<typeof first>): void {}
    }
    Reflect.defineMetadata('design:paramtypes', [first], A.prototype, 'a');
    @Controller('b')
    class B {
      @Post() @HttpCode(200) @ApiOkResponse() b(@Body() _body: InstanceType<typeof second>): void {}
    }
    Reflect.defineMetadata('design:paramtypes', [second], B.prototype, 'b');
    await expect(documentOf(A, B)).rejects.toThrow('two classes are named NoticeDto');
  });

  it('refuses an error documented as anything but a problem, and a success status left out', async () => {
    @Controller('c')
    class C {
      @Get() @ApiOkResponse() @ApiResponse({ status: 404, description: 'plain JSON' }) c(): void {}
    }
    await expect(documentOf(C)).rejects.toThrow('GET /c documents 404 as no content; use ApiProblems');
    @Controller('d')
    class D {
      // Swagger adds a default success response only to an operation that documents none.
      @Post() @ApiProblems({ 422: 'D_RULE' }) d(): void {}
    }
    await expect(documentOf(D)).rejects.toThrow('POST /d answers 201, which it does not document');
  });

  it('adds what every operation can answer, and documents UUID path parameters', async () => {
    @Controller('e')
    class E {
      @Get(':id')
      @ApiOperation({ operationId: 'getE' })
      @ApiOkResponse()
      @ApiProblems({ 404: 'E_NOT_FOUND' })
      e(@Param('id', new ParseUUIDPipe()) _id: string): void {}
    }
    @Public()
    @Controller('health')
    class Health {
      @Get('live') @ApiOperation({ operationId: 'getLiveness' }) @ApiOkResponse() live(): void {}
    }
    const document = await documentOf(E, Health);
    const e = document.paths['/e/{id}']!.get!;
    expect(Object.keys(e.responses).sort()).toEqual(['200', '400', '401', '403', '404', '429', '503']);
    expect(e.responses['404']).toMatchObject({
      description: 'E_NOT_FOUND',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
    });
    expect((e.parameters as ParameterObject[]).find((p) => p.name === 'id')!.schema).toMatchObject({
      format: 'uuid',
    });
    expect((e.parameters as ParameterObject[]).map((p) => p.name)).toContain('Acting-For');
    const live = document.paths['/health/live']!.get!;
    expect(live.security).toEqual([]);
    expect(Object.keys(live.responses).sort()).toEqual(['200', '429']);
  });

  it('documents a table-driven route as one operation per action: its path, body, operationId and summary', async () => {
    class TalkDto {
      @ApiProperty() talker!: string;
    }
    class OathDto {
      @ApiProperty() date!: string;
    }
    @Controller('f/:id')
    class F {
      @Post('*action')
      @HttpCode(200)
      @ApiActionRoutes('action', [
        { path: 'talk', dto: TalkDto, operationId: 'recordTalk', summary: '谈话 (step 2)' },
        {
          path: 'oath/sworn',
          dto: OathDto,
          operationId: 'recordOath',
          summary: '宣誓',
          description: 'Sworn.',
        },
      ])
      @ApiOkResponse()
      @ApiProblems({ 422: 'F_RULE' })
      f(
        @Param('id', new ParseUUIDPipe()) _id: string,
        @Param('action') _action: string[],
        @Body() _body: unknown,
      ): void {}
    }
    const document = await documentOf(F);
    expect(Object.keys(document.paths)).toEqual(['/f/{id}/talk', '/f/{id}/oath/sworn']);
    const talk = document.paths['/f/{id}/talk']!.post!;
    expect(talk).toMatchObject({
      operationId: 'recordTalk',
      summary: '谈话 (step 2)',
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/TalkDto' } } },
      },
    });
    expect((talk.parameters as ParameterObject[]).map((p) => p.name)).toEqual(['id', 'Acting-For']);
    expect(Object.keys(talk.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '413',
      '415',
      '422',
      '429',
      '503',
    ]);
    expect(document.paths['/f/{id}/oath/sworn']!.post).toMatchObject({
      operationId: 'recordOath',
      description: 'Sworn.',
      requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/OathDto' } } } },
    });
    expect(document.components!.schemas!.TalkDto).toMatchObject({ additionalProperties: false });
  });

  it('refuses an operation without an operationId for generated clients, and one used twice', async () => {
    @Controller('g')
    class G {
      @Get() @ApiOkResponse() g(): void {}
    }
    await expect(documentOf(G)).rejects.toThrow('GET /g has operationId G_g');
    @Controller('h')
    class H {
      @Get() @ApiOperation({ operationId: 'List_h' }) @ApiOkResponse() h(): void {}
    }
    await expect(documentOf(H)).rejects.toThrow('GET /h has operationId List_h');
    @Controller('i')
    class I {
      @Get('one') @ApiOperation({ operationId: 'getThing' }) @ApiOkResponse() one(): void {}
      @Get('two') @ApiOperation({ operationId: 'getThing' }) @ApiOkResponse() two(): void {}
    }
    await expect(documentOf(I)).rejects.toThrow('two handlers have the operationId getThing');
    @Controller('j/:id')
    class J {
      @Get('x') @ApiOperation({ operationId: 'recordTalk' }) @ApiOkResponse() x(): void {}
      @Post(':action')
      @HttpCode(200)
      @ApiActionRoutes('action', [{ path: 'talk', dto: Object, operationId: 'recordTalk', summary: 's' }])
      @ApiOkResponse()
      y(@Param('action') _action: string): void {}
    }
    await expect(documentOf(J)).rejects.toThrow('operationId recordTalk is used twice');
  });
});
