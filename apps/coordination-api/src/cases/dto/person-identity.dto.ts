import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { MayBeAbsent, TextField } from './fields';

/**
 * Who a person is. Sealed with the person's own key before it reaches the event store; no field of
 * it is ever stored, logged or published in plaintext.
 */
export class PersonIdentityDto {
  @TextField({ maxLength: 200, example: 'Siti Aminah' }) fullName!: string;
  @TextField({ optional: true, maxLength: 200, description: 'Other names or aliases' }) otherNames?: string;
  @ApiPropertyOptional({ description: 'NIK: the 16-digit national identity number', pattern: '^[0-9]{16}$' })
  @MayBeAbsent()
  @IsString()
  @Matches(/^\d{16}$/, { message: 'nik must be 16 digits' })
  nik?: string;
  @ApiPropertyOptional({ description: 'Passport number', pattern: '^[A-Z0-9]{5,12}$' })
  @MayBeAbsent()
  @IsString()
  @Matches(/^[A-Z0-9]{5,12}$/, { message: 'passportNumber must be 5 to 12 capital letters or digits' })
  passportNumber?: string;
  @TextField({ optional: true, maxLength: 500 }) address?: string;
  @ApiPropertyOptional({ description: 'Phone number', pattern: '^\\+?[0-9][0-9 -]{5,19}$' })
  @MayBeAbsent()
  @IsString()
  @Matches(/^\+?[0-9][0-9 -]{5,19}$/, { message: 'phone must be a phone number' })
  phone?: string;
}
