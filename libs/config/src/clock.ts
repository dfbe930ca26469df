import { Injectable } from '@nestjs/common';

/** The current time, injectable so services can be tested at chosen instants. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
