import CCairo
import CPangoCairo
import CSpng
